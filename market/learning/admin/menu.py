"""The "Kreativ Edu" menu of the Wagtail admin (/cms/). Its items come from
the `register_learning_menu_item` hook: a ViewSet joins it by setting
`menu_hook = LEARNING_MENU_HOOK`, any other code by returning a MenuItem
from that hook. The menu shows when one of its items is shown."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

LEARNING_MENU_HOOK = "register_learning_menu_item"


class KreativEduMenu(ViewSetGroup):
    menu_label = _("Kreativ Edu")
    menu_icon = "clipboard-list"
    menu_name = "kreativ-edu"
    menu_order = 270
    submenu_hook = LEARNING_MENU_HOOK
    items = ()


@hooks.register("register_admin_viewset")
def register_kreativ_edu_menu():
    return KreativEduMenu()
