"""The pages of Creative Market and Kreativ Edu, one module a kind."""

from .base import SitePage
from .courses import CourseIndexPage, CourseLandingPage
from .events import EventIndexPage, EventPage, EventRegistration, RegistrationStatus
from .home import HomePage
from .impact import ImpactPage
from .partners import PartnerOrganisation
from .programmes import ProgrammePage
from .site_settings import SiteSettings
from .standard import ContactFormField, ContactPage, StandardPage
from .stories import StoryIndexPage, StoryPage, StoryPageTag
from .studios import StudioIndexPage, StudioPage

__all__ = [
    "ContactFormField",
    "ContactPage",
    "CourseIndexPage",
    "CourseLandingPage",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "HomePage",
    "ImpactPage",
    "PartnerOrganisation",
    "ProgrammePage",
    "RegistrationStatus",
    "SitePage",
    "SiteSettings",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "StudioIndexPage",
    "StudioPage",
]
