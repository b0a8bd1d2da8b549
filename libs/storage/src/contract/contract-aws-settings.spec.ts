import { contractAwsSettings } from './contract-aws-settings';

describe('contractAwsSettings', () => {
  it('names every missing variable in one error', () => {
    expect(() => contractAwsSettings({ CONTRACT_BUCKET: 'scratch' })).toThrow(
      /needs CONTRACT_AWS_REGION, CONTRACT_TABLE_PREFIX \(/,
    );
  });

  it('counts a blank variable as missing', () => {
    expect(() =>
      contractAwsSettings({ CONTRACT_AWS_REGION: ' ', CONTRACT_BUCKET: 'scratch', CONTRACT_TABLE_PREFIX: 'c-' }),
    ).toThrow(/needs CONTRACT_AWS_REGION \(/);
  });

  it('reads the region, bucket and table prefix', () => {
    expect(
      contractAwsSettings({
        CONTRACT_AWS_REGION: 'eu-west-1',
        CONTRACT_BUCKET: 'scratch',
        CONTRACT_TABLE_PREFIX: 'c-',
      }),
    ).toEqual({
      region: 'eu-west-1',
      bucket: 'scratch',
      tablePrefix: 'c-',
    });
  });
});
