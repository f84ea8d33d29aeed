from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person with an account: buyer, learner, resident or Centre staff.

    Signs in with an e-mail address (no username), as Oscar expects.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
