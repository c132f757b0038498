"""Contract kit for the Fireworks Deployments API: the spec loader, a stateful fake and the contract suite."""
