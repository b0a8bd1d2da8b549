module.exports = {
  displayName: 'local-aws',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/local-aws',
};
