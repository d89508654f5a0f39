// theodoi — a little help where it truly helps; every page works without it.
// A date picker submits its form when changed; "Quay lại" goes back in
// history; buttons marked data-confirm ask first.
document.addEventListener("change", (e) => {
  const el = e.target;
  if (el.matches && el.matches("input[data-autosubmit], select[data-autosubmit]") && el.form) el.form.submit();
});
document.addEventListener("click", (e) => {
  const back = e.target.closest && e.target.closest("a[data-back]");
  if (back && history.length > 1) { e.preventDefault(); history.back(); }
  const ask = e.target.closest && e.target.closest("[data-confirm]");
  if (ask && !confirm(ask.getAttribute("data-confirm"))) e.preventDefault();
});
