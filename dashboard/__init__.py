"""The Dash app: pages, charts, components and translations."""
