"""The base class of every table in Oscar's dashboard (handed out by our
class loader in place of Oscar's, see market/class_loading.py).

django-tables2 lets a visitor sort by any column that is not marked
`orderable=False`, and Oscar leaves some columns unmarked that have no field
behind them (the products' and categories' check boxes, for example):
`?sort=checkbox` asked the database to order by a field that does not exist
and gave a 500. Here a column is sortable only if the database can sort the
table's rows by it; any other `sort` is ignored and the list shows unsorted.
"""

from django.core.exceptions import FieldError
from django.db.models import QuerySet
from django_tables2.data import TableQuerysetData
from django_tables2.utils import OrderBy, OrderByTuple
from oscar.apps.dashboard.tables import DashboardTable as OscarDashboardTable


class DashboardTable(OscarDashboardTable):
    def _sortable(self, alias: str) -> bool:
        name = OrderBy(alias).bare
        if name not in self.columns or not self.columns[name].orderable:
            return False
        if not isinstance(self.data, TableQuerysetData):
            return True
        if hasattr(self, f"order_{name}"):  # the table sorts it in Python
            return True
        queryset: QuerySet = self.data.data
        try:
            queryset.order_by(
                *(accessor.for_queryset() for accessor in self.columns[name].order_by)
            )
        except FieldError:
            return False
        return True

    @property
    def order_by(self):
        return self._order_by

    @order_by.setter
    def order_by(self, value):
        aliases = () if not value else value
        aliases = aliases.split(",") if isinstance(aliases, str) else aliases
        # The columns' sort fields are read against no sorting yet.
        self._order_by = OrderByTuple(())
        OscarDashboardTable.order_by.fset(
            self, [alias for alias in aliases if self._sortable(alias)]
        )
