"""Doctests of the converter's compiled modules (setup.py) run from their source, in
tests/test_compiled.py: pytest cannot collect a module whose import is a C extension."""

import vanban

collect_ignore = [f"vanban/{name}.py" for name in vanban.COMPILED] if vanban.compiled_in_use() \
    else []
