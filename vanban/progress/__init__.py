"""Target progress: the YAML data of every document's targets (`targets`), the status method
(`status`), plain sentences (`explain`), SVG charts (`chart`) and CSV/JSON downloads (`export`).
Pages are rendered by vanban.site.progress."""
