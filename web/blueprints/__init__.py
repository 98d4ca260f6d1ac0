"""The portal's and the API's views, one module per area. ``_base`` (registered first) sets up sessions, CSRF,
security headers, error pages, the language of each request and the template helpers."""
