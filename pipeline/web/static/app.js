// hoso workbench: small progressive enhancements. Every page works without this script.
(function () {
  "use strict";

  // The suggested workspace name follows the chosen sample, as long as the clerk has not typed one.
  var nameField = document.getElementById("ws-name");
  if (nameField) {
    var suggested = nameField.value;
    document.querySelectorAll('input[name="source"][data-name]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (nameField.value !== suggested) return;
        suggested = nameField.value = radio.getAttribute("data-name");
      });
    });
  }

  // A finding moves the focus to its field (the link's anchor already scrolls there).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-focus]");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("data-focus"));
    if (!target) return;
    event.preventDefault();
    var control = target.matches("input, select, textarea") ? target : target.querySelector("input:not([type=hidden]), select, textarea") || target;
    control.scrollIntoView({ block: "center" });
    control.focus({ preventScroll: true });
    history.replaceState(null, "", "#" + target.id);
  });

  // The data form reloads the page for every button (save, add, remove, move): come back to the
  // same place, and to the new item after "add", instead of the top of a long form.
  function fieldId(path) { return "f-" + (path.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, "") || "root"); }
  var form = document.getElementById("data-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      var action = (event.submitter && event.submitter.value) || "save";
      var verb = action.split(":")[0], path = action.slice(verb.length + 1), focus = "";
      if (verb === "add") {
        var count = form.querySelector('input[name="' + CSS.escape(path + "#n") + '"]');
        focus = fieldId(path + "[" + (count ? count.value : 0) + "]");
      } else if (verb === "up" || verb === "down" || verb === "remove") {
        focus = fieldId(path.replace(/\[\d+\]$/, ""));
      }
      sessionStorage.setItem("hoso-return", JSON.stringify({ page: location.pathname, y: window.scrollY, focus: focus }));
    });
    var back = JSON.parse(sessionStorage.getItem("hoso-return") || "null");
    sessionStorage.removeItem("hoso-return");
    if (back && back.page === location.pathname) {
      window.scrollTo(0, back.y);
      var target = back.focus && document.getElementById(back.focus);
      if (target) {
        var control = target.matches("input, select, textarea") ? target : target.querySelector("input:not([type=hidden]), select, textarea") || target;
        control.focus({ preventScroll: true });
        control.scrollIntoView({ block: "center" });
      }
    }
  }

  function poll(url, every, handle) {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (handle(data)) setTimeout(function () { poll(url, every, handle); }, every); })
      .catch(function () { setTimeout(function () { poll(url, every * 2, handle); }, every * 2); });
  }

  // The live preview: follow the preview made after the last save.
  var preview = document.getElementById("preview");
  if (preview) {
    var state = preview.querySelector(".preview-state");
    var box = preview.querySelector(".preview-documents");
    poll(preview.getAttribute("data-status"), 150, function (data) {
      if (!data.ready) {
        state.textContent = "Đang tạo bản xem trước…";
        preview.classList.add("stale");
        return true;
      }
      preview.classList.toggle("stale", data.problem === "errors");
      if (data.problem === "errors") {
        state.textContent = "Chưa xem trước được bản mới: dữ liệu còn lỗi (xem «Kết quả kiểm tra»).";
        return false;
      }
      state.textContent = data.final ? "Bản chính thức." : "Bản dự thảo (DỰ THẢO, chỗ còn thiếu in «……»).";
      var shown = JSON.stringify(data.documents);
      if (shown === box.getAttribute("data-shown")) return !data.complete;
      box.setAttribute("data-shown", shown);
      box.textContent = "";
      data.documents.forEach(function (d) {
        var figure = document.createElement("figure");
        var caption = document.createElement("figcaption");
        caption.textContent = d.title + " · ";
        var link = document.createElement("a");
        link.href = d.docx; link.textContent = "Tải .docx";
        caption.appendChild(link);
        figure.appendChild(caption);
        d.images.forEach(function (src, i) {
          var img = document.createElement("img");
          img.src = src; img.alt = d.title + ", trang " + (i + 1);
          figure.appendChild(img);
        });
        box.appendChild(figure);
      });
      preview.setAttribute("data-ready", data.done);
      return !data.complete;  // the other documents' pages are still being made
    });
  }

  // A pack or dossier being made: a live progress bar, then the summary page.
  var job = document.getElementById("job");
  if (job && job.getAttribute("data-state") === "running") {
    var bar = job.querySelector("progress"), count = job.querySelector(".job-count"), last = job.querySelector(".job-last");
    poll(job.getAttribute("data-status"), 400, function (data) {
      if (data.state !== "running") { location.reload(); return false; }
      if (data.total) { bar.max = data.total; bar.value = data.done; count.textContent = data.done + "/" + data.total; }
      last.textContent = data.last || "";
      return true;
    });
  }
})();
