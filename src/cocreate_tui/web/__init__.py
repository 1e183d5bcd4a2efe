"""Workshop mode's browser side: the page, its static files and the server (needs the web extra)."""
