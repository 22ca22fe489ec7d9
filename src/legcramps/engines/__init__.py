"""Thin adapters for the site engines (MkDocs, Zensical): the package never depends on which one runs."""
