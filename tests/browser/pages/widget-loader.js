// What an embedded widget does first: read its public configuration, cross-origin, without a
// token. The test calls window.loadWidget(url) and inspects the result and the page.
window.loadWidget = async (url) => {
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
    if (!response.ok) return { read: true, status: response.status };
    const { data } = await response.json();
    const launcher = document.getElementById('launcher');
    launcher.style.background = data.primaryColor;
    launcher.style.width = launcher.style.height = '56px';
    launcher.style.borderRadius = '50%';
    launcher.hidden = false;
    document.getElementById('greeting').textContent = data.starterMessage ?? '';
    return { read: true, status: response.status, data };
  } catch (error) {
    // A response without a CORS grant never reaches the page: fetch fails with a TypeError.
    return { read: false, error: `${error.name}: ${error.message}` };
  }
};
