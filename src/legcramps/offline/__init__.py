"""The offline copy: the service worker written over a built site, so a saved site opens with no signal."""
