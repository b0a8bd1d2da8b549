module.exports = {
  displayName: 'test-summary',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/test-summary',
};
