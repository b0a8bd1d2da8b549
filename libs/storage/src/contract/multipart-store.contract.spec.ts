import { describeMultipartStore } from './multipart-store.contract';
import { inMemoryMultipartTarget } from './multipart-store-targets';

// The in-memory fake the domain's unit tests use passes the same contract as S3MultipartStore.
describeMultipartStore(inMemoryMultipartTarget);
