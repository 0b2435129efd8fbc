// Passkeys (WebAuthn) for forms marked data-passkey-form="create" or "get".
// Without JavaScript the forms stay hidden and the page's notice says passkeys need it; every
// other way to log in keeps working. The server makes the challenge (data-options-url, POSTed
// with the form's CSRF token) and checks the answer, which goes back in the field "credential".
(function () {
  "use strict";

  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var raw = atob(b64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBytes(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json, { challenge: toBytes(json.challenge) });
    options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
    options.excludeCredentials = withBytes(json.excludeCredentials);
    return options;
  }

  function requestOptions(json) {
    var options = Object.assign({}, json, { challenge: toBytes(json.challenge) });
    if (json.allowCredentials) options.allowCredentials = withBytes(json.allowCredentials);
    return options;
  }

  function serialise(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      if (response.getTransports) out.response.transports = response.getTransports();
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      if (response.userHandle) out.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(out);
  }

  function say(form, key) {
    var status = form.querySelector("[data-passkey-status]");
    if (status) status.textContent = status.getAttribute("data-" + key) || "";
  }

  function ceremony(form) {
    var create = form.getAttribute("data-passkey-form") === "create";
    return fetch(form.getAttribute("data-options-url"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("options " + response.status);
        return response.json();
      })
      .then(function (json) {
        return create
          ? navigator.credentials.create({ publicKey: creationOptions(json) })
          : navigator.credentials.get({ publicKey: requestOptions(json) });
      });
  }

  function wire(form) {
    if (form.hasAttribute("data-passkey-wired")) return; // the script may be on a page twice
    form.setAttribute("data-passkey-wired", "");
    var busy = false;
    form.addEventListener("submit", function (event) {
      var field = form.querySelector("input[name=credential]");
      if (field.value) return; // the answer is in: send the form
      event.preventDefault();
      if (busy) return;
      busy = true;
      say(form, "msg-wait");
      ceremony(form)
        .then(function (credential) {
          field.value = serialise(credential);
          form.submit();
        })
        .catch(function () {
          busy = false;
          say(form, "msg-failed");
        });
    });
  }

  var supported = !!(window.PublicKeyCredential && navigator.credentials && window.fetch);
  document.querySelectorAll("[data-passkey-nojs]").forEach(function (notice) {
    notice.hidden = true;
  });
  document.querySelectorAll(supported ? "[data-passkey-ui]" : "[data-passkey-unsupported]")
    .forEach(function (element) {
      element.hidden = false;
    });
  if (supported) document.querySelectorAll("form[data-passkey-form]").forEach(wire);
})();
