// A second password field (data-match="<id of the first>") that must repeat the first: until it does, the browser
// will not submit the form and says why (data-mismatch, the words the server uses when it checks again).
document.querySelectorAll("input[data-match]").forEach((repeat) => {
  const first = document.getElementById(repeat.dataset.match);
  const check = () => repeat.setCustomValidity(repeat.value !== first.value ? repeat.dataset.mismatch : "");
  first.addEventListener("input", check);
  repeat.addEventListener("input", check);
});
