"""One page per module, each registered with dash.register_page."""
