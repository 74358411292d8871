/**
 * The data layer page's own use of the Adobe Client Data Layer: a listener registered through the
 * data layer's API, writing every event and change it hears into an <output>, and two buttons
 * that push. Kept on window so a test can read what the page heard.
 */
(() => {
  const heard = { events: [], changes: 0 };
  const cfg = window.demoConfig;
  window
    .alloy('configure', {
      edgeDomain: cfg.edgeDomain,
      datastreamId: cfg.datastreamId,
      orgId: cfg.orgId,
      thirdPartyCookiesEnabled: false,
      clickCollectionEnabled: false,
    })
    .then(() => (document.getElementById('dl-ready').textContent = 'configured'));
  window.demo = { heard };
  const dl = (window.adobeDataLayer = window.adobeDataLayer || []);
  dl.push(function (layer) {
    layer.addEventListener('adobeDataLayer:event', (event) => {
      heard.events.push(event.event);
      document.getElementById('dl-events').textContent = heard.events.join(',');
      // As a Tags rule would: the push becomes an event for the Edge.
      if (event.event === 'cart-add')
        window
          .alloy('sendEvent', {
            xdm: {
              eventType: 'commerce.productListAdds',
              commerce: { productListAdds: { value: 1 } },
              productListItems: [{ SKU: event.eventInfo.sku, quantity: 1 }],
            },
          })
          .then(
            () => (document.getElementById('dl-sent').textContent = 'ok'),
            (error) => (document.getElementById('dl-sent').textContent = `error: ${error.message}`),
          );
    });
    layer.addEventListener('adobeDataLayer:change', () => {
      heard.changes++;
      document.getElementById('dl-changes').textContent = String(heard.changes);
    });
  });
  let clicks = 0;
  document.getElementById('push-event').addEventListener('click', () => {
    clicks++;
    dl.push({ event: 'cart-add', eventInfo: { sku: 'trail-shoes-42', click: clicks } });
  });
  document.getElementById('push-data').addEventListener('click', () => {
    clicks++;
    dl.push({ cart: { items: clicks, total: 89 * clicks } });
  });
})();
