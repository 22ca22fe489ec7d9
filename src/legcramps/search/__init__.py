"""The search index: each page's lay words, added to the index the site engine writes."""
