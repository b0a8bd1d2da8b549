// Stand-in for dist/apps/webapp in infra tests: only its bytes matter (they feed the asset hash).
console.log('fixture webapp bundle');
