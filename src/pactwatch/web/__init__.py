"""Server-rendered pages over the register (Jinja2 templates, CSS, a little JavaScript)."""
