"""Cache purges: the header's and footer's links to the Centre's pages
follow the page tree and the sites."""

from .selectors import centre_links_forget


def forget_centre_links(**kwargs) -> None:
    centre_links_forget()
