"""The search index: each page's lay words, added to the index the site engine writes; and the warning
signs as search answers them (signs.py: search/signs.json, shown by docs/javascripts/sign-answers.js)."""
