// The SPARQL query page: YASGUI from the project's own files, asking nothing but this server.
// The remote helpers of YASQE are turned off (prefix.cc for prefixes, LOV for classes and properties); prefixes
// come from the local list below; the endpoint is this page's own URL (the page is served at /sparql).
(function () {
  "use strict";

  var ENDPOINT = window.location.origin + "/sparql";
  var PREFIXES = {
    eli: "http://data.europa.eu/eli/ontology#",
    ldo: "https://w3id.org/luocdo/ontology#",
    ldt: "https://w3id.org/luocdo/type/",
    org: "http://www.w3.org/ns/org#",
    skos: "http://www.w3.org/2004/02/skos/core#",
    prov: "http://www.w3.org/ns/prov#",
    oa: "http://www.w3.org/ns/oa#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    dct: "http://purl.org/dc/terms/",
  };
  var FALLBACK_QUERY =
    "PREFIX eli: <" + PREFIXES.eli + ">\nPREFIX ldo: <" + PREFIXES.ldo + ">\n" +
    "SELECT ?van_ban ?so_ky_hieu WHERE {\n  ?van_ban a eli:LegalResource ; eli:id_local ?so_ky_hieu .\n}\nLIMIT 20\n";

  function showError(message) {
    var box = document.getElementById("load-error") || document.createElement("p");
    box.id = "load-error";
    box.textContent = message;
    document.body.insertBefore(box, document.getElementById("yasgui"));
  }

  if (!window.Yasgui) {
    showError("Không tải được YASGUI (/vendor/yasgui). / YASGUI could not be loaded (run npm ci --prefix api/web).");
    return;
  }
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;

  // Only local completers: variables, and prefixes from the list above (never prefix.cc or LOV).
  var prefixList = Object.keys(PREFIXES).sort().map(function (p) { return p + ": <" + PREFIXES[p] + ">"; });
  Yasqe.forkAutocompleter("prefixes", { name: "localPrefixes", get: prefixList, persistenceId: undefined }, false);
  Yasqe.defaults.autocompleters.splice(0, Yasqe.defaults.autocompleters.length, "variables", "localPrefixes");
  Yasqe.defaults.prefixCcApi = "";
  if (Yasgui.defaults.yasqe !== Yasqe.defaults) {
    Yasgui.defaults.yasqe.autocompleters = ["variables", "localPrefixes"];
    Yasgui.defaults.yasqe.prefixCcApi = "";
  }

  function start(examples) {
    var first = examples.length ? examples[0].query : FALLBACK_QUERY;
    Yasgui.defaults.yasqe.value = first;
    var yasgui = new Yasgui(document.getElementById("yasgui"), {
      persistenceId: "luocdo_sparql",
      tabName: "Truy vấn",
      copyEndpointOnNewTab: true,
      populateFromUrl: true,
      corsProxy: undefined,
      requestConfig: {
        endpoint: ENDPOINT,
        method: "POST",
        acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
        acceptHeaderGraph: "text/turtle,*/*;q=0.9",
      },
      endpointCatalogueOptions: {
        getData: function () { return [{ endpoint: ENDPOINT }]; },
      },
    });
    window.luocdoYasgui = yasgui;

    var list = document.getElementById("example-list");
    examples.forEach(function (example) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.title = example.title_en || "";
      button.textContent = example.title;
      button.addEventListener("click", function () {
        var tab = yasgui.addTab(true, {
          name: example.title,
          yasqe: { value: example.query },
          requestConfig: { endpoint: ENDPOINT },
        }, { avoidDuplicateTabs: true });
        tab.show();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  fetch("/static/sparql-examples.json", { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    })
    .then(start, function (error) {
      showError("Không tải được truy vấn mẫu / could not load the example queries: " + error.message);
      start([]);
    });
})();
