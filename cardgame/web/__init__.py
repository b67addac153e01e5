"""``cardgame serve``: the same game in a browser, through textual-serve.

``command`` (argument parsing, no heavy imports) starts ``server`` (aiohttp + textual-serve), which
runs one ``child`` process per browser tab; ``child`` runs ``WebCardGameApp`` from ``app``.
"""
