"""``hamyar serve``: the planner's web pages over the term workspace (Starlette, Jinja2)."""
