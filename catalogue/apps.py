import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Our fork of Oscar's catalogue: product kinds are ProductClass + attributes
    (catalogue/kinds.py, created by migration 0033)."""

    name = "catalogue"

    def ready(self):
        super().ready()
        from oscar.apps.analytics.receivers import receive_product_view
        from oscar.apps.catalogue.signals import product_viewed

        # A plain product view must not write to the database: Oscar's view
        # counter made 3-5 % of concurrent product views fail on SQLite
        # ("database is locked"), and it serialises writes on PostgreSQL.
        product_viewed.disconnect(receive_product_view)
