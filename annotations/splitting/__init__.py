"""Text normalisation, metadata lifting, sentence segmentation and check-worthiness."""
