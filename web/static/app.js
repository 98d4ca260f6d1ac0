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
          if (r.document_id && r.status === "accepted") { follow(row, r.document_id); }
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
    // after the transfer, follow the document's processing: received → reading page 2 of 3 → finding the
    // fields → read (pages) or failed
    var follow = function (row, docId) {
      var stage = cell(row);
      var badge = document.createElement("span");
      stage.appendChild(badge);
      var tick = function () {
        var xhr = new XMLHttpRequest();
        xhr.open("GET", table.getAttribute("data-poll") + "?ids=" + docId);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.addEventListener("load", function () {
          var d = xhr.status === 200 ? JSON.parse(xhr.responseText).documents[0] : null;
          if (!d) { window.setTimeout(tick, 3000); return; }
          badge.className = "status status-" + d.status + " processing-stage";
          badge.setAttribute("data-status", d.status);
          var text = table.getAttribute("data-label-" + d.status) || d.status;
          if (d.done && d.pages) { text += " · " + table.getAttribute("data-msg-pages").replace("{n}", d.pages); }
          var p = d.done ? null : d.progress;  // null when the job is gone: the plain stage stands
          if (p && p.stage === "pages") {
            text = table.getAttribute("data-msg-reading-page")
              .replace("{n}", Math.min(p.done + 1, p.total)).replace("{total}", p.total);
          } else if (p && p.stage === "fields") {
            text = table.getAttribute("data-msg-reading-fields");
          }
          badge.setAttribute("data-progress", p ? p.stage : "");
          badge.textContent = text;
          if (!d.done) { window.setTimeout(tick, 1500); }
        });
        xhr.addEventListener("error", function () { window.setTimeout(tick, 5000); });
        xhr.send();
      };
      tick();
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

  // -- the validation screen: page beside the fields, zoom and pan, boxes <-> fields, edit in place ----------------
  var viewer = document.getElementById("viewer");
  var stage = viewer && viewer.querySelector(".page-stage");
  if (stage) {
    var zoom = 1;
    var level = viewer.querySelector(".zoom-level");
    var setZoom = function (z) {
      zoom = Math.min(Math.max(z, 0.5), 4);
      stage.style.width = Math.round(zoom * 100) + "%";
      if (level) { level.textContent = Math.round(zoom * 100) + " %"; }
    };
    viewer.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-zoom");
        setZoom(how === "in" ? zoom * 1.25 : how === "out" ? zoom / 1.25 : 1);
      });
    });
    viewer.addEventListener("wheel", function (e) {
      if (!e.ctrlKey) { return; }
      e.preventDefault();
      setZoom(e.deltaY < 0 ? zoom * 1.1 : zoom / 1.1);
    }, { passive: false });
    var drag = null;
    stage.addEventListener("pointerdown", function (e) {
      if (e.target.closest("a")) { return; }
      drag = { x: e.clientX, y: e.clientY, left: viewer.scrollLeft, top: viewer.scrollTop };
      stage.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      viewer.scrollLeft = drag.left - (e.clientX - drag.x);
      viewer.scrollTop = drag.top - (e.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () { drag = null; stage.classList.remove("dragging"); });
  }
  var boxesFor = function (key) {
    return document.querySelectorAll("svg.boxes a[data-box='" + key + "'] rect");
  };
  var highlight = function (key, on, reveal) {
    boxesFor(key).forEach(function (rect, i) {
      rect.classList.toggle("hl", on);
      if (on && reveal && i === 0 && viewer) {
        var r = rect.getBoundingClientRect();
        var v = viewer.getBoundingClientRect();
        if (r.top < v.top || r.bottom > v.bottom) { viewer.scrollTop += r.top - v.top - v.height / 3; }
      }
    });
  };
  document.querySelectorAll("tr.field[data-box]").forEach(function (row) {
    var key = row.getAttribute("data-box");
    row.addEventListener("mouseenter", function () { highlight(key, true, false); });
    row.addEventListener("mouseleave", function () { highlight(key, false, false); });
    row.addEventListener("focusin", function () { highlight(key, true, true); });
    row.addEventListener("focusout", function () { highlight(key, false, false); });
  });
  var openEditor = function (row) {
    var form = row && row.querySelector("form.correct");
    var cellButton = row && row.querySelector(".value-cell");
    if (!form || !cellButton) { return false; }
    cellButton.hidden = true;
    form.hidden = false;
    var input = form.querySelector("input[name=value]");
    input.focus();
    input.select();
    row.scrollIntoView({ block: "nearest" });
    highlight(row.getAttribute("data-box"), true, true);
    return true;
  };
  var closeEditor = function (row) {
    row.querySelector("form.correct").hidden = true;
    row.querySelector(".value-cell").hidden = false;
  };
  var nextRow = function (row) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.field"));
    var i = rows.indexOf(row);
    return i >= 0 && i + 1 < rows.length ? rows[i + 1] : null;
  };
  document.querySelectorAll("svg.boxes a[data-box]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var row = document.getElementById(a.getAttribute("data-box"));
      if (!row) { return; }
      e.preventDefault();
      if (history.replaceState) { history.replaceState(null, "", "#" + row.id); }
      if (!openEditor(row)) { row.scrollIntoView({ block: "center" }); }
    });
  });
  document.querySelectorAll("tr.field .value-cell").forEach(function (b) {
    b.addEventListener("click", function () { openEditor(b.closest("tr")); });
  });
  document.querySelectorAll("form.correct").forEach(function (f) {
    var row = f.closest("tr");
    f.querySelector(".cancel").addEventListener("click", function () { closeEditor(row); });
    f.addEventListener("keydown", function (e) { if (e.key === "Escape") { closeEditor(row); } });
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", f.action);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.addEventListener("load", function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
        var old = f.querySelector(".field-error");
        if (old) { old.remove(); }
        if (xhr.status === 200 && data) {
          if (data.reload) { window.location.reload(); return; }
          var cellButton = row.querySelector(".value-cell");
          cellButton.textContent = "";
          var strong = document.createElement("span");
          strong.className = "corrected";
          strong.setAttribute("data-field", f.querySelector("input[name=field]").value);
          strong.textContent = data.shown;
          var who = document.createElement("span");
          who.className = "muted small who-fixed";
          who.textContent = data.actor;
          cellButton.appendChild(strong);
          cellButton.appendChild(who);
          var person = document.createElement("span");
          person.className = "person";
          person.textContent = row.closest("table").getAttribute("data-person");
          var confCell = row.querySelector(".conf-td");
          confCell.textContent = "";
          confCell.appendChild(person);
          row.classList.remove("needs");
          row.classList.add("fixed");
          boxesFor(row.getAttribute("data-box")).forEach(function (rect) {
            rect.classList.remove("low", "ok");
            rect.classList.add("fixed");
          });
          f.querySelector("input[name=value]").removeAttribute("aria-invalid");
          closeEditor(row);
          var next = nextRow(row);
          if (next) { openEditor(next); }
        } else {
          var p = document.createElement("p");
          p.className = "error field-error";
          p.setAttribute("role", "alert");
          p.textContent = data && data.error ? data.error.message : String(xhr.status);
          f.appendChild(p);
          f.querySelector("input[name=value]").setAttribute("aria-invalid", "true");
          f.querySelector("input[name=value]").focus();
        }
      });
      xhr.send(new FormData(f));
    });
  });
  var confirmNext = document.getElementById("confirm-next-form");
  if (confirmNext) {
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); confirmNext.submit(); }
    });
  }
  if (window.location.hash && /^#(f|l\d+)-/.test(window.location.hash)) {
    var target = document.getElementById(window.location.hash.slice(1));
    if (target) { target.scrollIntoView({ block: "center" }); highlight(target.id, true, true); }
  }
  // linking: find a pedimento by its number, an invoice's or a B/L's, as the clerk types
  var finder = document.querySelector("input[name=to_number][data-search]");
  if (finder) {
    var options = document.getElementById("pedimento-options");
    var timer = null;
    finder.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (finder.value.trim().length < 3) { return; }
        var xhr = new XMLHttpRequest();
        xhr.open("GET", finder.getAttribute("data-search") + "?q=" + encodeURIComponent(finder.value));
        xhr.setRequestHeader("Accept", "application/json");
        xhr.addEventListener("load", function () {
          if (xhr.status !== 200) { return; }
          options.textContent = "";
          JSON.parse(xhr.responseText).documents.forEach(function (d) {
            var o = document.createElement("option");
            var ped = d.matches.filter(function (m) { return m.kind === "pedimento"; })[0];
            o.value = ped ? ped.value : d.matches[0].value;
            o.label = d.filename + " · " + d.matches.map(function (m) { return m.value; }).join(", ");
            options.appendChild(o);
          });
        });
        xhr.send();
      }, 200);
    });
  }

  // -- the document list: tick all ----------------------------------------------------------------------------
  var tickAll = document.getElementById("tick-all");
  if (tickAll) {
    tickAll.addEventListener("change", function () {
      document.querySelectorAll("#documents input[name=ids]").forEach(function (c) { c.checked = tickAll.checked; });
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
