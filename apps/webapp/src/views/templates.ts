// Templates live in TS strings so the esbuild bundle is self-contained (no template files to ship).

/** The home page: instance heading, upload form, the "Uploaded Files" list with pagination. */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{{ csrfToken }}">
<title>Uploads</title>
<link rel="stylesheet" href="/assets/app.css">
{% if clientScript %}<script src="/assets/app.js" defer></script>{% endif %}
</head>
<body>
<main>
<h1>Uploads <small>served by <span class="instance" data-testid="served-by">{{ instanceId }}</span></small></h1>
{% if error %}<p class="flash error" role="alert" data-code="{{ error.code }}">{{ error.message }}</p>{% endif %}
{% if uploaded %}<p class="flash ok" role="status">Uploaded {{ uploaded }} file{% if uploaded != 1 %}s{% endif %}.</p>{% endif %}
<form class="upload" method="post" action="/upload" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="{{ csrfToken }}">
<label>Files <input type="file" name="file" multiple required></label>
<button type="submit">Upload</button>
<p class="hint">Up to {{ maxFiles }} files, {{ maxSize }} each.</p>
</form>
<section>
<h2>Uploaded Files</h2>
{% if files.length %}
<table class="files">
<thead><tr><th>Name</th><th>Size</th><th>Uploaded</th><th>Received by</th><th></th></tr></thead>
<tbody>
{% for file in files %}
<tr data-id="{{ file.id }}">
<td><a href="/files/{{ file.id }}" download>{{ file.name }}</a></td>
<td>{{ file.size | humanSize }}</td>
<td><time datetime="{{ file.uploadedAt }}">{{ file.uploadedAt | displayTime }}</time></td>
<td>{{ file.uploadedBy }}</td>
<td><form method="post" action="/files/{{ file.id }}/delete"><input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit">Delete</button></form></td>
</tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p class="empty">No files yet.</p>
{% endif %}
<nav class="pages">
{% if cursor %}<a href="/">First page</a>{% endif %}
{% if nextCursor %}<a rel="next" href="/?cursor={{ nextCursor | urlencode }}">Next page</a>{% endif %}
</nav>
</section>
</main>
</body>
</html>
`;

/** Page styles, served at /assets/app.css (the CSP forbids inline styles). */
export const APP_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2330; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 small { font-size: .5em; color: #5b6475; font-weight: normal; }
.instance { font-family: ui-monospace, monospace; }
.flash { padding: .6rem .9rem; border-radius: .4rem; }
.flash.error { background: #fde8e8; color: #8a1c1c; }
.flash.ok { background: #e6f6ea; color: #1d5e2c; }
form.upload { background: #fff; padding: 1rem; border-radius: .5rem; border: 1px dashed #aab; }
form.upload.dragging { border-color: #2f6fde; background: #eef4ff; }
.hint { color: #5b6475; font-size: .9em; }
table.files { width: 100%; border-collapse: collapse; background: #fff; }
table.files th, table.files td { text-align: left; padding: .5rem; border-bottom: 1px solid #e3e6ec; unicode-bidi: plaintext; }
td a { word-break: break-all; }
.pages a { margin-right: 1rem; }
.progress { display: flex; gap: .5rem; align-items: center; margin: .3rem 0; }
.progress progress { flex: 1; }
`;
