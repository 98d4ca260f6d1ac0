/* The portal's few behaviours: company switcher, drag-and-drop upload with per-file progress, live status of
   documents being processed. No libraries; everything is served by the portal itself (CSP 'self'). */
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf");

  // -- the header folds into a menu button on narrow screens ------------------------------------------------------
  var header = document.querySelector("header.top");
  var toggle = header && header.querySelector(".menu-toggle");
  if (toggle) {
    header.classList.add("foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  document.querySelectorAll("form.autosubmit select").forEach(function (select) {
    var button = select.form.querySelector("button");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // -- upload ---------------------------------------------------------------------------------------------------
  var form = document.getElementById("upload-form");
  if (form) {
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("files");
    var results = document.querySelector("#upload-results tbody");
    var table = document.getElementById("upload-results");
    var limit = parseInt(form.getAttribute("data-limit"), 10);
    var submit = document.getElementById("upload-submit");
    if (submit) { submit.hidden = true; }

    var cell = function (row, text) {
      var td = document.createElement("td");
      if (text !== undefined) { td.textContent = text; }
      row.appendChild(td);
      return td;
    };
    var show = function (resultCell, status, label, message, docId) {
      resultCell.textContent = "";
      var badge = document.createElement("span");
      badge.className = "status status-" + status;
      badge.textContent = label;
      resultCell.appendChild(badge);
      if (docId) {
        var a = document.createElement("a");
        a.href = "/documents/" + docId;
        a.textContent = " #" + docId;
        resultCell.appendChild(a);
      }
      if (message) {
        var span = document.createElement("span");
        span.className = "reason-text";
        span.textContent = " " + message;
        resultCell.appendChild(span);
      }
    };
    var send = function (file) {
      var row = document.createElement("tr");
      row.className = "uploading";
      cell(row, file.name);
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      cell(row).appendChild(bar);
      var resultCell = cell(row, "…");
      results.appendChild(row);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
      });
      xhr.addEventListener("load", function () {
        bar.value = 100;
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
        if (data && data.results && data.results.length) {
          var r = data.results[0];
          row.className = "result-" + r.status;
          show(resultCell, r.status, table.getAttribute("data-label-" + r.status) || r.status, r.message, r.document_id);
        } else if (data && data.error) {
          row.className = "result-rejected";
          show(resultCell, "rejected", data.error.code, data.error.message, null);
        } else {
          row.className = "result-rejected";
          show(resultCell, "rejected", String(xhr.status), table.getAttribute("data-msg-failed"), null);
        }
      });
      xhr.addEventListener("error", function () {
        row.className = "result-rejected";
        show(resultCell, "rejected", "error", table.getAttribute("data-msg-failed"), null);
      });
      if (file.size > limit + 1024 * 1024) {
        row.className = "result-rejected";
        show(resultCell, "rejected", "too_large", table.getAttribute("data-msg-too-large"), null);
        return;
      }
      var body = new FormData();
      body.append("files", file, file.name);
      xhr.send(body);
    };
    var sendAll = function (files) {
      for (var i = 0; i < files.length; i++) { send(files[i]); }
    };
    input.addEventListener("change", function () { sendAll(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files) { sendAll(e.dataTransfer.files); }
    });
  }

  // -- live status of the document list ------------------------------------------------------------------------
  var list = document.getElementById("documents");
  if (list) {
    var labels = {};
    document.querySelectorAll("#status-labels span").forEach(function (s) {
      labels[s.getAttribute("data-s")] = s.textContent;
    });
    var poll = function () {
      var pending = list.querySelectorAll("tr[data-done='false']");
      if (!pending.length) { return; }
      var ids = Array.prototype.map.call(pending, function (r) { return r.getAttribute("data-id"); });
      var xhr = new XMLHttpRequest();
      xhr.open("GET", list.getAttribute("data-poll") + "?ids=" + ids.join(","));
      xhr.setRequestHeader("Accept", "application/json");
      xhr.addEventListener("load", function () {
        if (xhr.status === 200) {
          JSON.parse(xhr.responseText).documents.forEach(function (d) {
            var row = list.querySelector("tr[data-id='" + d.id + "']");
            if (!row) { return; }
            var badge = row.querySelector(".doc-status .status");
            badge.className = "status status-" + d.status;
            badge.setAttribute("data-status", d.status);
            badge.textContent = labels[d.status] || d.status;
            if (d.reason) { badge.title = d.reason; }
            var flag = row.querySelector(".review-flag");
            if (flag) { flag.hidden = !d.needs_review; }
            if (d.pages) { row.querySelector(".doc-pages").textContent = d.pages; }
            if (d.doc_type) { row.querySelector(".doc-type").textContent = labels[d.doc_type] || d.doc_type; }
            row.setAttribute("data-done", d.done ? "true" : "false");
          });
        }
        window.setTimeout(poll, 2000);
      });
      xhr.addEventListener("error", function () { window.setTimeout(poll, 5000); });
      xhr.send();
    };
    window.setTimeout(poll, 1500);
  }
})();
