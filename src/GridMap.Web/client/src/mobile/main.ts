// Entry point of the mobile page bundle (/m, /m/cases/{id}, /m/report): wires whichever of
// the task list, the report form and a task's action buttons the page has.
import { initActions } from "./actions";
import { initReport } from "./report";
import { initTasks } from "./tasks";

const tasks = document.querySelector<HTMLElement>("section[data-mobile-tasks]");
if (tasks) initTasks(tasks);

const report = document.querySelector<HTMLFormElement>("form[data-mobile-report]");
if (report) initReport(report);

const actions = document.querySelector<HTMLFormElement>("form[data-mobile-actions]");
if (actions) initActions(actions);
