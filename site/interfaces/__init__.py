"""The hub's top floor: what it tells partner sites, crawlers and browsers about its pages (the
read API and its OpenAPI document, the feeds, the metadata of each page, the sitemap).

The only modules of `dcaht` besides `dcaht.urls` that may import the apps: they iterate the page
types and read what each declares, never switching on a page class.
"""
