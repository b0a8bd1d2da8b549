// The `integration` target: this project's specs that start real servers or processes (see jest.integration.js).
module.exports = require('../../jest.integration').integrationConfig(require('./jest.config.cjs'));
