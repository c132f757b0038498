"""What three template changes would do to the generated client's overhead (an experiment, not a build).

Copies the installed ``fireworks_deployments_client`` into a temporary directory under another
package name (every import inside the package is relative, so both copies load side by side) and
rewrites the copy the way a template override would generate it:

  1. hoist the function-local ``from ..models.x import X`` lines of every ``from_dict``/``to_dict``
     to the end of the module (they ran on every call, ~0.9 µs each, about 9 per deployment);
  2. look enum values up in ``_value2member_map_`` before calling the enum class (a plain dict get
     instead of ``EnumMeta.__call__``; unknown values still reach ``_missing_``);
  3. leave ``params`` out of the request when there are no query parameters (an empty ``params={}``
     makes httpx rebuild and re-parse the URL).

client_overhead.py measures this copy as one more side ("ours, patched"). Nothing under generated/
is touched.
"""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

EXPERIMENT_PACKAGE = "fdc_template_experiment"
CHANGES = (
    "function-local model imports hoisted to module level",
    "enum values looked up in _value2member_map_ first",
    "no params= when a request has no query parameters",
)
_LAZY = re.compile(r"^ +(from \.\.models\.\w+ import \w+)  # noqa: PLC0415\n", re.M)
_ENUM_CLASS = re.compile(r"^class (\w+)\(StrEnum\)", re.M)


def build(tmp: Path) -> ModuleType | None:
    try:
        import fireworks_deployments_client as original
    except ImportError:
        return None
    src = Path(original.__file__).parent
    dest = tmp / EXPERIMENT_PACKAGE
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    models = dest / "models"
    enums = {m.group(1) for p in models.glob("*.py") if (m := _ENUM_CLASS.search(p.read_text()))}
    for path in dest.rglob("*.py"):
        text = path.read_text()
        new = text
        lazy = sorted(set(_LAZY.findall(new)))
        if lazy:
            new = _LAZY.sub("", new) + "\n" + "\n".join(lazy) + "\n"
        for enum in enums:
            new = re.sub(rf"= {enum}\((\w+)\)", rf"= ({enum}._value2member_map_.get(\1) or {enum}(\1))", new)
        new = new.replace('        "params": params,\n', '        **({"params": params} if params else {}),\n')
        if new != text:
            path.write_text(new)
    sys.path.insert(0, str(tmp))
    try:
        return importlib.import_module(EXPERIMENT_PACKAGE)
    finally:
        sys.path.remove(str(tmp))
