import { describeMultipartStore } from './multipart-store.contract';
import { inMemoryMultipartTarget, s3MultipartTarget } from './multipart-store-targets';
import { localS3Target } from './s3-targets';

// The in-memory fake the domain's unit tests use passes the same contract as S3MultipartStore on the local S3.
describeMultipartStore('InMemoryMultipartStore', inMemoryMultipartTarget);
describeMultipartStore('S3MultipartStore on the local S3', s3MultipartTarget(localS3Target));
