// The editorial calendar (articles/calendar_admin.py): an editor drags a scheduled
// story to another day (month) or hour (week); the server moves it through
// services.reschedule and answers with a message, or with why it refused.
(function () {
  "use strict";
  const root = document.querySelector(".article-calendar[data-move-url]");
  if (!root) return;
  const status = root.querySelector(".calendar-status");
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  let dragged = null;

  function say(text, isError) {
    status.hidden = false;
    status.textContent = text;
    status.classList.toggle("is-error", Boolean(isError));
  }

  function place(story, cell) {
    // Stories in a cell stay in time order.
    const time = story.querySelector("time").getAttribute("datetime");
    const after = Array.from(cell.querySelectorAll(".calendar-story")).find(
      (other) => other !== story && other.querySelector("time").getAttribute("datetime") > time
    );
    cell.insertBefore(story, after || null);
  }

  root.addEventListener("dragstart", (event) => {
    const story = event.target.closest && event.target.closest(".calendar-story[draggable]");
    if (!story) return;
    dragged = story;
    event.dataTransfer.setData("text/plain", story.dataset.article);
    event.dataTransfer.effectAllowed = "move";
    story.classList.add("is-dragging");
  });
  root.addEventListener("dragend", () => {
    root.querySelectorAll(".is-dragging, .is-drop-target").forEach((element) => {
      element.classList.remove("is-dragging", "is-drop-target");
    });
  });
  root.addEventListener("dragover", (event) => {
    const cell = event.target.closest && event.target.closest(".calendar-cell");
    if (!cell || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    cell.classList.add("is-drop-target");
  });
  root.addEventListener("dragleave", (event) => {
    const cell = event.target.closest && event.target.closest(".calendar-cell");
    if (cell && !cell.contains(event.relatedTarget)) cell.classList.remove("is-drop-target");
  });
  root.addEventListener("drop", async (event) => {
    const cell = event.target.closest && event.target.closest(".calendar-cell");
    if (!cell || !dragged) return;
    event.preventDefault();
    cell.classList.remove("is-drop-target");
    const story = dragged;
    dragged = null;
    const body = new FormData();
    body.append("article", story.dataset.article);
    body.append("day", cell.dataset.day);
    if (cell.dataset.hour !== undefined) body.append("hour", cell.dataset.hour);
    let response;
    let answer;
    try {
      response = await fetch(root.dataset.moveUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrf },
        credentials: "same-origin",
      });
      answer = await response.json();
    } catch (error) {
      say(status.dataset.networkError, true);
      return;
    }
    if (!response.ok) {
      say(answer.error, true);
      return;
    }
    const time = story.querySelector("time");
    time.textContent = answer.time;
    time.setAttribute("datetime", answer.published_at);
    place(story, cell);
    say(answer.message, false);
  });
})();
