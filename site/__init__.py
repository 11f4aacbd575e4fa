"""The project core of the Danube Cities Knowledge Hub.

This folder is `site/` on disk but is imported as the package `dcaht`: Python's standard library
already owns the module name `site`. The mapping is declared in `pyproject.toml`
(`[tool.setuptools] package-dir`), so the project must be installed (editable) for `dcaht` to
import; `make run`, `make test` and the Dockerfile all do so.
"""
