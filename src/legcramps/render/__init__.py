"""Turn the model into HTML: the macros pages call, callouts, badges, citations and the parts around every page."""
