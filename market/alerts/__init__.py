"""Things that need a person: a paid checkout that could not be placed, a
dispute, a refund made outside the shop, a failed refund or payout, a hold
that ran out on a paid PaymentIntent. Each is a StaffAlert, open until staff
resolve it in the Wagtail admin (/cms/alerts/), and e-mailed to
MARKET_ALERT_EMAILS when it opens."""
