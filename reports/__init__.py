"""Documents radtrack makes from the store: the Permendagri 86/2017 evaluation form, the
annual and five-year reports. May import `indicators` (and nothing of `loaders`, `dashboard`)."""
