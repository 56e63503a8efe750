// radtrack: AG Grid's code (1.3 MB, a quarter of a first visit on the wire) only for a page that
// shows a grid. The server leaves dash_ag_grid's bundle out of the page and names it in
// <meta name="radtrack-grid-bundle"> (dashboard.bandwidth); until a grid is drawn, Dash finds
// this stand-in under dash_ag_grid.AgGrid. The first grid loads the bundle (the same versioned
// file, cached for a year) and is then drawn by AG Grid's own component with the same props;
// until then its box keeps the grid's size and says it is loading.
(function () {
  var meta = document.querySelector('meta[name="radtrack-grid-bundle"]');
  if (!meta || window.dash_ag_grid) return;  // the page loads the bundle itself
  var real = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = meta.content;
        function failed() {
          loading = null;  // the next grid tries again
          script.remove();
          window.dash_ag_grid = namespace;
          reject(new Error('AG Grid could not be loaded: ' + meta.content));
        }
        script.onload = function () {
          var found = window.dash_ag_grid;  // the bundle puts its own namespace there
          if (found === namespace || !found || typeof found.AgGrid !== 'function') {
            failed();  // it ran but stopped before the end (a damaged or rewritten file)
            return;
          }
          real = found;
          namespace.getApi = real.getApi;
          namespace.getApiAsync = real.getApiAsync;
          namespace.bundle = real;  // AG Grid's own namespace, as it defined it
          window.dash_ag_grid = namespace;  // Dash keeps finding one component type
          resolve(real);
        };
        script.onerror = failed;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function AgGrid(props) {
    var React = window.React;
    var state = React.useState(real ? 'ready' : 'loading');
    React.useEffect(function () {
      // also when the bundle arrived between this grid's render and this effect: the promise
      // is settled then, and the grid is drawn at once
      var live = true;
      load().then(
        function () { if (live) state[1]('ready'); },
        function () { if (live) state[1]('failed'); }
      );
      return function () { live = false; };
    }, []);
    if (real) return React.createElement(real.AgGrid, props);
    var lang = document.documentElement.lang === 'en' ? 'en' : 'id';
    var text = state[0] === 'failed'
      ? {id: 'Tabel tidak dapat dimuat. Muat ulang halaman.',
         en: 'The table could not be loaded. Reload the page.'}[lang]
      : {id: 'Memuat tabel…', en: 'Loading the table…'}[lang];
    return React.createElement(
      'div',
      {id: props.id, className: ((props.className || '') + ' grid-loading').trim(),
       style: props.style, role: 'status', 'aria-busy': state[0] === 'loading'},
      text
    );
  }
  // What Dash's renderer reads of AG Grid's component before it is drawn (dash-ag-grid 35):
  // it takes the reason of each render as a prop, and keeps its selection when asked to
  // persist. tests/test_bandwidth.py checks these against the real component.
  AgGrid.dashRenderType = true;
  AgGrid.dashPersistence = {persisted_props: ['selectedRows'], persistence_type: 'local'};

  var namespace = {
    AgGrid: AgGrid,
    getApi: function () { return undefined; },  // no grid is drawn before the bundle is here
    getApiAsync: function (id) {
      return load().then(function (found) { return found.getApiAsync(id); });
    },
  };
  window.dash_ag_grid = namespace;
})();
