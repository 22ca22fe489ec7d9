"""Every editor rule over the model and the rendered pages, each mistake one plain line with its fix."""
