import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Our fork of Oscar's catalogue: product kinds are ProductClass + attributes."""

    name = "catalogue"
