"""The Leg Cramps Guide's core, in the order one build flows through it.

model/          read and validate the files (front matter, data files, bibliography, settings): typed objects, one pass
render/         the macros, callouts, badges, citations and page parts, as HTML from templates and each edition's words
checks/         every editor rule over the model and the rendered pages: one plain line each (file:line: what, fix)
handout/        the model (never the Markdown) as print HTML, then WeasyPrint's PDFs, their preview and their cache
session.py      one build of one edition: the model read once, every check run once, shared by every engine
search/         the search index's lay words;  offline/  the service worker that keeps the site offline
engines/        thin adapters for MkDocs and Zensical (preview, macros module, footer extension, config, theme cache)
content_check/  `python -m legcramps check`: every edition, the build's rules and the content rules CI enforces
cli.py          the command line

errors.py and html.py are the shared base every part imports. Imports point down this list, never back up.
"""
