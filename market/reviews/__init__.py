"""Product reviews worth trusting (issue 13, section 3): only a buyer of a
placed, unrefunded order line may review a product, once; reviews wait for
staff; a resident may answer a review of their own product once.

Oscar's `reviews` app keeps its ProductReview model; this app holds the rule
(`rules.review_refusal`), the writes (`services`), the proof of purchase and
the resident's answer, and the views Oscar loads in place of its own
(market/class_loading.py)."""
