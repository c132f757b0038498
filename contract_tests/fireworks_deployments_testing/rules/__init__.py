"""The spec's rules with no HTTP: the loader, Deployment fields, filter grammar, ordering, masks, page rules,
lifecycle names, timestamps and the API's error model. The fake serves them; the suite judges against them."""
