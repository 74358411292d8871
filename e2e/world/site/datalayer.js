/**
 * The data layer page's own use of the Adobe Client Data Layer: a listener registered through the
 * data layer's API, writing every event and change it hears into an <output>, and two buttons
 * that push. Kept on window so a test can read what the page heard.
 */
(() => {
  const heard = { events: [], changes: 0 };
  window.demo = { heard };
  const dl = (window.adobeDataLayer = window.adobeDataLayer || []);
  dl.push(function (layer) {
    layer.addEventListener('adobeDataLayer:event', (event) => {
      heard.events.push(event.event);
      document.getElementById('dl-events').textContent = heard.events.join(',');
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
