"""The PDF handout: the model as print HTML, WeasyPrint's PDFs for each paper, the preview image and the cache."""
