/* The pay page. Card data goes from the browser to Stripe only.
 *
 * With Stripe.js (production): the Payment Element confirms the
 * PaymentIntent in the browser; 3-D Secure and redirects are Stripe's; Stripe
 * then sends the buyer to the return URL.
 *
 * With localstripe's fake Stripe.js (the demo and the tests), which has only
 * a card element: the browser tokenises the card at localstripe, our server
 * confirms the PaymentIntent with it, and the fake's 3-D Secure dialog
 * authenticates when the card asks for it.
 */
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") {
    return;
  }
  var message = document.getElementById("payment-message");
  var button = document.getElementById("pay-button");
  var data = form.dataset;
  var stripe = Stripe(data.publishableKey);

  function fail(text) {
    message.textContent = text || data.errorText;
    button.disabled = false;
  }

  function finish() {
    var separator = data.returnUrl.indexOf("?") < 0 ? "?" : "&";
    window.location.href =
      data.returnUrl + separator + "payment_intent=" + encodeURIComponent(data.intentId);
  }

  if (typeof stripe.confirmPayment === "function") {
    var elements = stripe.elements({ clientSecret: data.clientSecret, locale: data.locale });
    elements.create("payment").mount("#payment-element");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      button.disabled = true;
      message.textContent = "";
      var result = await stripe.confirmPayment({
        elements: elements,
        confirmParams: { return_url: data.returnUrl },
      });
      if (result.error) {
        fail(result.error.message);
      }
    });
    return;
  }

  var card = stripe.elements().create("card");
  card.mount("#payment-element");
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    message.textContent = "";
    try {
      var token = await stripe.createToken(card);
      if (token.error) {
        return fail(token.error.message);
      }
      var body = new URLSearchParams({
        payment_method: token.token.card.id,
        csrfmiddlewaretoken: form.querySelector("[name=csrfmiddlewaretoken]").value,
      });
      var response = await fetch(data.confirmUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
      });
      var answer = await response.json();
      if (answer.error) {
        return fail(answer.error);
      }
      if (answer.requires_action) {
        var authentication = await stripe.confirmCardPayment(data.clientSecret);
        if (authentication.error) {
          return fail(authentication.error.message);
        }
      }
      finish();
    } catch (error) {
      fail();
    }
  });
})();
