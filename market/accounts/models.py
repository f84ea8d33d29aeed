from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person with an account: buyer, learner, resident or Centre staff.

    Signs in with an e-mail address (no username), as Oscar expects.

    An account made on the shop's registration form starts inactive, with
    `email_confirmed` False, until its owner follows the link mailed to the
    address (market/accounts/services.py): the form never says whether an
    address already has an account. Accounts made any other way (staff, the
    demo, the admin) count as confirmed.
    """

    email_confirmed = models.BooleanField(
        _("e-mail address confirmed"),
        default=True,
        help_text=_(
            "False while a new account waits for its owner to follow the link "
            "mailed to the address."
        ),
    )

    # The country the buyer last chose to see shipping to (market/export).
    destination_country = models.CharField(
        _("ships to"), max_length=2, blank=True, default=""
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def awaits_confirmation(self) -> bool:
        """Registered on the shop's form and not confirmed yet (as opposed to
        an account staff deactivated)."""
        return not self.is_active and not self.email_confirmed
